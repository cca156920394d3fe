package ghsim

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// GitHub's list endpoints answer 30 items a page unless per_page (at most 100) says
// otherwise.
const (
	defaultPerPage = 30
	maxPerPage     = 100
)

// paginate returns the page of items the request asks for and the Link header GitHub would
// send with it (next/last after the first page, first/prev before the last).
func paginate[T any](req *request, items []T) ([]T, string) {
	perPage := defaultPerPage
	if v, err := strconv.Atoi(req.query.Get("per_page")); err == nil && v > 0 {
		perPage = min(v, maxPerPage)
	}
	page := 1
	if v, err := strconv.Atoi(req.query.Get("page")); err == nil && v > 0 {
		page = v
	}
	lastPage := max(1, (len(items)+perPage-1)/perPage)
	start := min((page-1)*perPage, len(items))
	end := min(start+perPage, len(items))

	var links []string
	link := func(p int, rel string) {
		links = append(links, "<"+pageURL(req.Request, p)+`>; rel="`+rel+`"`)
	}
	if page > 1 {
		link(page-1, "prev")
	}
	if page < lastPage {
		link(page+1, "next")
		link(lastPage, "last")
	}
	if page > 1 {
		link(1, "first")
	}
	return items[start:end], strings.Join(links, ", ")
}

func pageURL(r *http.Request, page int) string {
	u := url.URL{Scheme: "http", Host: r.Host, Path: r.URL.Path, RawPath: r.URL.RawPath}
	q := r.URL.Query()
	q.Set("page", strconv.Itoa(page))
	u.RawQuery = q.Encode()
	return u.String()
}

// listResponse answers a list request with one page and its Link header.
func listResponse[T any](req *request, items []T) response {
	page, link := paginate(req, items)
	if page == nil {
		page = []T{}
	}
	resp := okJSON(page)
	if link != "" {
		resp = resp.with("Link", link)
	}
	return resp
}
