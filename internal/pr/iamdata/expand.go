package iamdata

import (
	"slices"
	"strings"
)

// validPattern accepts "*" or "service:action", either part possibly
// holding wildcards.
func validPattern(p string) bool {
	if p == "*" {
		return true
	}
	svc, act, ok := strings.Cut(p, ":")
	return ok && svc != "" && act != ""
}

// visit calls fn for every action the pattern matches. It returns false when
// the pattern is malformed or its service part matches no known service.
func (c *Catalog) visit(pattern string, fn func(s *service, a *action)) bool {
	if !validPattern(pattern) {
		return false
	}
	if pattern == "*" {
		pattern = "*:*"
	}
	svcPat, actPat, _ := strings.Cut(pattern, ":")
	if !hasWildcard(svcPat) {
		s := c.service(svcPat)
		if s == nil {
			return false
		}
		s.visit(actPat, fn)
		return true
	}
	found := false
	for i := range c.services {
		if s := &c.services[i]; actionGlob.covers(svcPat, s.prefix) && c.ready(s) {
			found = true
			s.visit(actPat, fn)
		}
	}
	return found
}

func (s *service) visit(actPat string, fn func(s *service, a *action)) {
	if !hasWildcard(actPat) {
		if a := s.lookup(actPat); a != nil {
			fn(s, a)
		}
		return
	}
	if actPat == "*" {
		for j := range s.actions {
			fn(s, &s.actions[j])
		}
		return
	}
	for j := range s.actions {
		if actionGlob.covers(actPat, s.actions[j].name) {
			fn(s, &s.actions[j])
		}
	}
}

// Expand lists the actions an Action pattern grants, as canonical
// "service:Action" names in byte order: "dynamodb:*" gives every DynamoDB
// action, "s3:Get*" every S3 action whose name starts with Get, "*" every
// action of every service. A single action expands to itself in AWS's
// spelling. ok is false when the pattern is malformed or names no known
// service; a known service with no matching action gives an empty list and
// ok == true.
func (c *Catalog) Expand(pattern string) (actions []string, ok bool) {
	ok = c.visit(pattern, func(s *service, a *action) {
		actions = append(actions, s.prefix+":"+a.name)
	})
	slices.Sort(actions)
	return actions, ok
}

// Covers reports whether the granted Action pattern covers the requested
// one. A requested wildcard is judged on the actions it actually expands to,
// so "s3:Get*" covers "s3:GetObject" and "s3:*" covers "s3:Get*". A requested
// action the catalogue does not know is covered only when the patterns alone
// prove it.
func (c *Catalog) Covers(granting, requested string) bool {
	if !validPattern(granting) || !validPattern(requested) {
		return false
	}
	if actionGlob.covers(granting, requested) {
		return true
	}
	matched, all := false, true
	c.visit(requested, func(s *service, a *action) {
		matched = true
		if all && !grants(granting, s, a) {
			all = false
		}
	})
	return matched && all
}

// grants reports whether a valid pattern matches one catalogue action.
func grants(pattern string, s *service, a *action) bool {
	if pattern == "*" {
		return true
	}
	svcPat, actPat, _ := strings.Cut(pattern, ":")
	return actionGlob.covers(svcPat, s.prefix) && actionGlob.covers(actPat, a.name)
}
