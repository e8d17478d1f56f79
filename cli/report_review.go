package cli

import "errors"

// reportReview writes the review report of an org for a period as DOCX or PDF.
func reportReview(env *Env, args []string) error { return errors.New("chưa có") }
