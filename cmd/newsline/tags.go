package main

import (
	"bufio"
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/newsline/newsline/model"
)

func newTagsCmd(common *common) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "tags [PATH...]",
		Short: "Print the tags with their article counts, most used first",
		RunE: func(cmd *cobra.Command, args []string) error {
			src, c, err := loadForCommand(cmd, args, common)
			if err != nil {
				return err
			}
			defer src.close()
			out := bufio.NewWriter(cmd.OutOrStdout())
			for _, t := range c.Tags() {
				if asJSON {
					line, err := json.Marshal(struct {
						Tag   string `json:"tag"`
						Count int    `json:"count"`
					}{t.Name, t.Count})
					if err != nil {
						return err
					}
					fmt.Fprintf(out, "%s\n", line)
				} else {
					fmt.Fprintf(out, "%d\t%s\n", t.Count, model.OneLine(t.Name))
				}
			}
			return out.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, `print JSON Lines: {"tag": …, "count": …}`)
	return cmd
}
