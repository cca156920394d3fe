package pr

// Summary counts a report's changes: the one-line summary, the JSON report and the
// action's outputs all read it.
type Summary struct {
	FunctionsAdded   int `json:"functions_added"`
	FunctionsRemoved int `json:"functions_removed"`
	IAMAdded         int `json:"iam_added"`
	IAMRemoved       int `json:"iam_removed"`
	PoliciesAdded    int `json:"managed_policies_added"`
	PoliciesRemoved  int `json:"managed_policies_removed"`
	Broadened        int `json:"broadened"`
	EnvAdded         int `json:"env_added"`
	EnvRemoved       int `json:"env_removed"`
	EnvChanged       int `json:"env_changed"`
	Files            int `json:"files_changed"`
	Unresolved       int `json:"unresolved_new"`
}

// Summary counts the report's changes; Broadened counts IAM tuples and managed policies.
func (r *Report) Summary() Summary {
	s := Summary{FunctionsAdded: len(r.FunctionsAdded), FunctionsRemoved: len(r.FunctionsRemoved),
		Files: len(r.Files), Unresolved: len(r.Unresolved)}
	for _, c := range r.IAM {
		if c.Change == Added {
			s.IAMAdded++
		} else {
			s.IAMRemoved++
		}
		if c.Broadened {
			s.Broadened++
		}
	}
	for _, p := range r.Policies {
		if p.Change == Added {
			s.PoliciesAdded++
		} else {
			s.PoliciesRemoved++
		}
		if p.Broadened {
			s.Broadened++
		}
	}
	for _, e := range r.EnvVars {
		switch e.Change {
		case Added:
			s.EnvAdded++
		case Removed:
			s.EnvRemoved++
		default:
			s.EnvChanged++
		}
	}
	return s
}

// HasChanges reports whether anything differs between base and head.
func (s Summary) HasChanges() bool {
	return s != Summary{}
}

// HasIAMChanges reports whether any IAM tuple or managed policy differs.
func (s Summary) HasIAMChanges() bool {
	return s.IAMAdded+s.IAMRemoved+s.PoliciesAdded+s.PoliciesRemoved > 0
}

// HasEnvChanges reports whether any env var differs.
func (s Summary) HasEnvChanges() bool {
	return s.EnvAdded+s.EnvRemoved+s.EnvChanged > 0
}
