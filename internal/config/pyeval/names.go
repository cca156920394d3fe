package pyeval

// Name resolution follows Python: a function's locals are decided by its body (codeInfo),
// free names go to the enclosing function scopes, then the module, then builtins. Class
// bodies are not visible from the functions defined in them.

func (in *Interp) lookup(fr *frame, name string, pos Pos) (Value, error) {
	switch fr.kind {
	case funcFrame:
		if fr.code.globals[name] {
			return in.lookupGlobal(fr.module, name, pos)
		}
		if fr.code.locals[name] {
			if v, ok := fr.vars.get(name); ok {
				return v, nil
			}
			return nil, raise(pos, "UnboundLocalError", "cannot access local variable '%s' where it is not associated with a value", name)
		}
	case classFrame, compFrame:
		if v, ok := fr.vars.get(name); ok {
			return v, nil
		}
	case moduleFrame:
		return in.lookupGlobal(fr.module, name, pos)
	}
	return in.lookupFree(fr.parent, fr.module, name, pos)
}

// lookupFree resolves a name that is not local to the running scope.
func (in *Interp) lookupFree(fr *frame, mod *Module, name string, pos Pos) (Value, error) {
	for ; fr != nil; fr = fr.parent {
		switch fr.kind {
		case funcFrame:
			if fr.code.globals[name] {
				return in.lookupGlobal(fr.module, name, pos)
			}
			if fr.code.locals[name] {
				if v, ok := fr.vars.get(name); ok {
					return v, nil
				}
				return nil, raise(pos, "NameError", "cannot access free variable '%s' where it is not associated with a value in enclosing scope", name)
			}
		case compFrame:
			if v, ok := fr.vars.get(name); ok {
				return v, nil
			}
		case moduleFrame:
			return in.lookupGlobal(fr.module, name, pos)
		}
	}
	return in.lookupGlobal(mod, name, pos)
}

func (in *Interp) lookupGlobal(mod *Module, name string, pos Pos) (Value, error) {
	if v, ok := mod.ns.get(name); ok {
		return v, nil
	}
	if v, ok := in.builtins.get(name); ok {
		return v, nil
	}
	return nil, raise(pos, "NameError", "name '%s' is not defined", name)
}

// store binds name in the scope Python would bind it in.
func (in *Interp) store(fr *frame, name string, v Value) {
	switch fr.kind {
	case funcFrame:
		if fr.code.globals[name] {
			fr.module.ns.set(name, v)
			return
		}
		if fr.code.nonlocals[name] {
			for p := fr.parent; p != nil; p = p.parent {
				if p.kind == funcFrame && p.code.locals[name] {
					p.vars.set(name, v)
					return
				}
			}
			fr.module.ns.set(name, v)
			return
		}
		fr.vars.set(name, v)
	case moduleFrame:
		fr.module.ns.set(name, v)
	case classFrame:
		if e := fr.cls; e != nil && e.enum != nil && e.enum.building {
			v = in.enumAssign(fr, name, v)
		}
		fr.vars.set(name, v)
	default:
		fr.vars.set(name, v)
	}
}

// storeWalrus binds a := target: comprehensions bind it in their enclosing scope.
func (in *Interp) storeWalrus(fr *frame, name string, v Value) {
	for fr.kind == compFrame && fr.parent != nil {
		fr = fr.parent
	}
	in.store(fr, name, v)
}

func (in *Interp) deleteName(fr *frame, name string, pos Pos) error {
	var ns *namespace
	switch {
	case fr.kind == moduleFrame || fr.kind == funcFrame && fr.code.globals[name]:
		ns = fr.module.ns
	case fr.kind == funcFrame && fr.code.nonlocals[name]:
		for p := fr.parent; p != nil; p = p.parent {
			if p.kind == funcFrame && p.code.locals[name] {
				ns = p.vars
				break
			}
		}
	default:
		ns = fr.vars
	}
	if ns == nil || !ns.del(name) {
		return raise(pos, "NameError", "name '%s' is not defined", name)
	}
	return nil
}
