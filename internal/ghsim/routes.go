package ghsim

import "net/http"

// routeTable lists every operation the simulator serves, with the token permission GitHub
// requires for it. Templates are spelled as in testdata/openapi/operations.txt.
func (s *Sim) routeTable() []*route {
	const (
		get    = http.MethodGet
		post   = http.MethodPost
		patch  = http.MethodPatch
		put    = http.MethodPut
		delete = http.MethodDelete
	)
	issuesWrite := permission{scope: "issues", write: true, alt: "pull_requests"}
	issuesRead := permission{scope: "issues", alt: "pull_requests"}
	contentsRead, contentsWrite := readOf("contents"), writeOf("contents")
	prRead := readOf("pull_requests")
	routes := []*route{
		newRoute(get, "/repos/{owner}/{repo}", readOf("metadata"), handleGetRepo),
		newRoute(get, "/repos/{owner}/{repo}/branches/{branch}", contentsRead, handleGetBranch),
		newRoute(get, "/repos/{owner}/{repo}/commits/{ref}", contentsRead, handleGetCommit),
		newRoute(get, "/repos/{owner}/{repo}/compare/{basehead}", contentsRead, handleCompare),
		newRoute(get, "/repos/{owner}/{repo}/contents/{path}", contentsRead, handleGetContents),
		newRoute(get, "/repos/{owner}/{repo}/collaborators/{username}/permission", readOf("metadata"), handleCollaboratorPermission),

		newRoute(get, "/repos/{owner}/{repo}/pulls", prRead, handleListPulls),
		newRoute(get, "/repos/{owner}/{repo}/pulls/{pull_number}", prRead, handleGetPull),
		newRoute(get, "/repos/{owner}/{repo}/pulls/{pull_number}/files", prRead, handlePullFiles),
		newRoute(get, "/repos/{owner}/{repo}/pulls/{pull_number}/reviews", prRead, handleListReviews),
		newRoute(get, "/repos/{owner}/{repo}/commits/{commit_sha}/pulls", prRead, handlePullsForCommit),

		newRoute(get, "/repos/{owner}/{repo}/issues/{issue_number}", issuesRead, handleGetIssue),

		newRoute(get, "/repos/{owner}/{repo}/issues/{issue_number}/comments", issuesRead, handleListComments),
		newRoute(post, "/repos/{owner}/{repo}/issues/{issue_number}/comments", issuesWrite, handleCreateComment),
		newRoute(get, "/repos/{owner}/{repo}/issues/comments/{comment_id}", issuesRead, handleGetComment),
		newRoute(patch, "/repos/{owner}/{repo}/issues/comments/{comment_id}", issuesWrite, handleUpdateComment),
		newRoute(delete, "/repos/{owner}/{repo}/issues/comments/{comment_id}", issuesWrite, handleDeleteComment),

		newRoute(get, "/repos/{owner}/{repo}/issues/{issue_number}/labels", issuesRead, handleListIssueLabels),
		newRoute(post, "/repos/{owner}/{repo}/issues/{issue_number}/labels", issuesWrite, handleAddIssueLabels),
		newRoute(put, "/repos/{owner}/{repo}/issues/{issue_number}/labels", issuesWrite, handleSetIssueLabels),
		newRoute(delete, "/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", issuesWrite, handleRemoveIssueLabel),
		newRoute(get, "/repos/{owner}/{repo}/labels", issuesRead, handleListRepoLabels),
		newRoute(post, "/repos/{owner}/{repo}/labels", issuesWrite, handleCreateRepoLabel),
		newRoute(get, "/repos/{owner}/{repo}/labels/{name}", issuesRead, handleGetRepoLabel),

		newRoute(post, "/repos/{owner}/{repo}/check-runs", writeOf("checks"), handleCreateCheckRun),
		newRoute(get, "/repos/{owner}/{repo}/check-runs/{check_run_id}", readOf("checks"), handleGetCheckRun),
		newRoute(patch, "/repos/{owner}/{repo}/check-runs/{check_run_id}", writeOf("checks"), handleUpdateCheckRun),
		newRoute(get, "/repos/{owner}/{repo}/commits/{ref}/check-runs", readOf("checks"), handleListCheckRunsForRef),

		newRoute(post, "/repos/{owner}/{repo}/git/blobs", contentsWrite, handleCreateBlob),
		newRoute(get, "/repos/{owner}/{repo}/git/blobs/{file_sha}", contentsRead, handleGetBlob),
		newRoute(post, "/repos/{owner}/{repo}/git/trees", contentsWrite, handleCreateTree),
		newRoute(get, "/repos/{owner}/{repo}/git/trees/{tree_sha}", contentsRead, handleGetTree),
		newRoute(post, "/repos/{owner}/{repo}/git/commits", contentsWrite, handleCreateCommit),
		newRoute(get, "/repos/{owner}/{repo}/git/commits/{commit_sha}", contentsRead, handleGetGitCommit),
		newRoute(get, "/repos/{owner}/{repo}/git/ref/{ref}", contentsRead, handleGetRef),
		newRoute(get, "/repos/{owner}/{repo}/git/matching-refs/{ref}", contentsRead, handleMatchingRefs),
		newRoute(post, "/repos/{owner}/{repo}/git/refs", contentsWrite, handleCreateRef),
		newRoute(patch, "/repos/{owner}/{repo}/git/refs/{ref}", contentsWrite, handleUpdateRef),
		newRoute(delete, "/repos/{owner}/{repo}/git/refs/{ref}", contentsWrite, handleDeleteRef),

		newRoute(get, "/repos/{owner}/{repo}/deployments", readOf("deployments"), handleListDeployments),
		newRoute(post, "/repos/{owner}/{repo}/deployments", writeOf("deployments"), handleCreateDeployment),
		newRoute(get, "/repos/{owner}/{repo}/deployments/{deployment_id}", readOf("deployments"), handleGetDeployment),
		newRoute(get, "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses", readOf("deployments"), handleListDeploymentStatuses),
		newRoute(post, "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses", writeOf("deployments"), handleCreateDeploymentStatus),
	}
	oidc := newRoute(get, oidcTemplate, permission{}, s.handleOIDCToken)
	oidc.oidc = true
	return append(routes, oidc)
}
