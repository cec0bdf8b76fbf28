namespace AuthServer.Features.Admin;

/// <summary>The body of <c>POST /admin/users/{id}/roles</c>.</summary>
public sealed record GrantRoleRequest
{
    public string? Role { get; init; }
}
