package cli

// cmdReport prints the review report of an org for a period (report review) or an official
// statistical form (report form).
func cmdReport(env *Env, args []string) error {
	return subcommands(env, "report", "review", args, []subcommand{
		{"review", reportReview},
		{"form", reportForm},
	})
}
