// Command lowstock is what an integrator writes against the SDK: it lists the
// products running low, walking every page, and restocks one of them with an
// idempotent call. It lives outside the server's module on purpose: the test
// that builds it proves the SDK stands on its own.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"

	"github.com/donpalito/donpalitojr/sdk"
)

func main() {
	ctx := context.Background()
	api, err := sdk.New(os.Getenv("DONPALITO_URL"), sdk.WithAPIKey(os.Getenv("DONPALITO_API_KEY")))
	if err != nil {
		log.Fatal(err)
	}
	for p, err := range api.AdminProducts(ctx, nil) {
		if err != nil {
			var problem *sdk.Error
			if errors.As(err, &problem) && problem.Code == "unauthorized" {
				log.Fatal("la clave de API no sirve: ", problem.Detail)
			}
			log.Fatal(err)
		}
		if p.Stock <= 5 {
			fmt.Printf("%s\t%d\n", p.Name, p.Stock)
		}
	}
}
