package cli

func cmdBench(env *Env, args []string) error { return nil }
