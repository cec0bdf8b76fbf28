namespace AuthServer.Features.Admin;

/// <summary>The answer of <c>GET /admin/users</c>: a page of users, and the cursor of the next page (null on the last).</summary>
public sealed record AdminUserListResponse(IReadOnlyList<AdminUserResponse> Users, string? Next);
