package session

import (
	"charm.land/bubbles/v2/table"
	"charm.land/lipgloss/v2"
)

// Styles are the looks shared by the screens.
type Styles struct {
	Title     lipgloss.Style
	Tab       lipgloss.Style
	ActiveTab lipgloss.Style
	Rule      lipgloss.Style
	Muted     lipgloss.Style
	Error     lipgloss.Style
	Success   lipgloss.Style
	Label     lipgloss.Style
	Focused   lipgloss.Style
	Box       lipgloss.Style
	Table     table.Styles
}

// DefaultStyles are the program's styles: the shop's warm colours.
func DefaultStyles() Styles {
	accent := lipgloss.Color("#E8A33D")
	return Styles{
		Title:     lipgloss.NewStyle().Bold(true).Foreground(accent),
		Tab:       lipgloss.NewStyle().Padding(0, 1).Foreground(lipgloss.Color("245")),
		ActiveTab: lipgloss.NewStyle().Padding(0, 1).Bold(true).Underline(true).Foreground(accent),
		Rule:      lipgloss.NewStyle().Foreground(lipgloss.Color("240")),
		Muted:     lipgloss.NewStyle().Foreground(lipgloss.Color("245")),
		Error:     lipgloss.NewStyle().Foreground(lipgloss.Color("#E5534B")),
		Success:   lipgloss.NewStyle().Foreground(lipgloss.Color("#57AB5A")),
		Label:     lipgloss.NewStyle().Bold(true),
		Focused:   lipgloss.NewStyle().Foreground(accent),
		Box:       lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1),
		Table: table.Styles{
			Header:   lipgloss.NewStyle().Bold(true).Padding(0, 1).BorderStyle(lipgloss.NormalBorder()).BorderBottom(true).BorderForeground(lipgloss.Color("240")),
			Cell:     lipgloss.NewStyle().Padding(0, 1),
			Selected: lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("#1C1C1C")).Background(accent),
		},
	}
}
