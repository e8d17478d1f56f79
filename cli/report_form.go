package cli

import "errors"

// reportForm writes an official statistical form of an org as of a date as XLSX.
func reportForm(env *Env, args []string) error { return errors.New("chưa có") }
