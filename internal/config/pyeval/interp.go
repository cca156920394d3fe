package pyeval

// Interp evaluates modules. The interpreter proper is being written; this placeholder only
// lets the contract in value.go compile.
type Interp struct{}
