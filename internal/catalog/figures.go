package catalog

// ActiveProducts returns every product on sale, newest first, from the read
// model (dashboard figures).
func (s *Service) ActiveProducts() []Product {
	snap := s.rm.cur.Load()
	out := make([]Product, 0, len(snap.newest))
	for _, e := range snap.newest {
		if e.p.Active {
			out = append(out, e.p)
		}
	}
	return out
}
