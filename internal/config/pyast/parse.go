package pyast

import "errors"

// Parse parses one Python source file. file is used in positions and messages. A file that
// is not valid Python gives a *SyntaxError.
func Parse(file string, src []byte) (*Module, error) {
	return nil, errors.New("pyast: parser not implemented yet")
}
