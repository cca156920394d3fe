package pyast

// parseDirect parses src without tree-sitter. It declines (false) whenever the file holds
// anything it does not handle exactly as the tree-sitter path would, so a caller falls back.
func parseDirect(file string, src []byte) (*Module, bool) {
	return nil, false
}
