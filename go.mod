module github.com/stelvio-action/stelvio-action

go 1.26
