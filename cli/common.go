package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"tochuc"
	"tochuc/service"
)

// Helpers shared by the subcommands: dispatch, opening the service, date and decision flags,
// and the csv|json output choice.

// subcommand is one entry of a "tochuc NAME SUB …" dispatch table, in the order of its usage line.
type subcommand struct {
	name string
	run  func(*Env, []string) error
}

// subcommands runs the subcommand named by args[0]; without one, or with an unknown one, it
// prints "Cách dùng: tochuc NAME a|b|c [tùy chọn]  (tochuc NAME EXAMPLE -h)" and fails, unless
// help was asked.
func subcommands(env *Env, name, example string, args []string, table []subcommand) error {
	names := make([]string, len(table))
	for i, s := range table {
		names[i] = s.name
		if len(args) > 0 && args[0] == s.name {
			return s.run(env, args[1:])
		}
	}
	fmt.Fprintf(env.Stderr, "Cách dùng: tochuc %s %s [tùy chọn]  (tochuc %s %s -h)\n", name, strings.Join(names, "|"), name, example)
	if len(args) > 0 && helpAsked(args[:1]) {
		return nil
	}
	return ErrUsage
}

// withService opens the database named by dsn, runs fn with the service and closes it.
func withService(env *Env, dsn string, fn func(*service.Service) error) error {
	svc, err := openService(env, dsn)
	if err != nil {
		return err
	}
	defer svc.DB.Close()
	return fn(svc)
}

// parseDateFlag parses the value v of the flag --name as YYYY-MM-DD; empty stays empty.
func parseDateFlag(name, v string) (tochuc.Date, error) {
	if v == "" {
		return "", nil
	}
	d, err := tochuc.ParseISODate(v)
	if err != nil {
		return "", tochuc.Errorf(tochuc.EINVALID, "--%s: ngày %q không hợp lệ (YYYY-MM-DD)", name, v)
	}
	return d, nil
}

// dateArg is a YYYY-MM-DD flag, checked after parsing so that its error names the flag.
type dateArg struct {
	name string
	v    *string
}

// dateFlag defines the string flag --name; its date() is the parsed value.
func dateFlag(fs *flag.FlagSet, name, usage string) dateArg {
	return dateArg{name: name, v: fs.String(name, "", usage)}
}

// date is the flag's value as a date ("" when not given), or an EINVALID error naming the flag.
func (d dateArg) date() (tochuc.Date, error) { return parseDateFlag(d.name, *d.v) }

// set reports whether the flag was given a value.
func (d dateArg) set() bool { return *d.v != "" }

// docArgs are the flags of a decision's document: --document, --doc-date and --signer.
type docArgs struct {
	document, signer *string
	docDate          dateArg
}

// docFlags defines --document (documentUsage), --signer and, when dateUsage is not empty,
// --doc-date (dateUsage).
func docFlags(fs *flag.FlagSet, documentUsage, dateUsage string) docArgs {
	d := docArgs{document: fs.String("document", "", documentUsage)}
	if dateUsage != "" {
		d.docDate = dateFlag(fs, "doc-date", dateUsage)
	} else {
		d.docDate = dateArg{name: "doc-date", v: new(string)}
	}
	d.signer = fs.String("signer", "", "người ký")
	return d
}

// decision is the document the flags name, its date checked; the note is left to the caller.
func (d docArgs) decision() (service.DecisionDoc, error) {
	dd, err := d.docDate.date()
	if err != nil {
		return service.DecisionDoc{}, err
	}
	return service.DecisionDoc{Document: *d.document, DocDate: dd, Signer: *d.signer}, nil
}

// formatArg is the --format csv|json flag of the commands that print tables.
type formatArg struct{ v *string }

func formatFlag(fs *flag.FlagSet) formatArg {
	return formatArg{fs.String("format", "csv", "csv hoặc json")}
}

// check refuses anything but csv and json.
func (f formatArg) check() error {
	if *f.v != "csv" && *f.v != "json" {
		return tochuc.Errorf(tochuc.EINVALID, "--format %q không hợp lệ: chọn csv hoặc json", *f.v)
	}
	return nil
}

func (f formatArg) json() bool { return *f.v == "json" }

// writeJSON prints v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// parsePositional parses flags mixed with positional arguments; help is true when -h was
// asked (the usage is already printed), and err is nil then.
func parsePositional(fs *flag.FlagSet, args []string) (pos []string, help bool, err error) {
	pos, err = parseInterleaved(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil, true, nil
	}
	return pos, false, err
}
