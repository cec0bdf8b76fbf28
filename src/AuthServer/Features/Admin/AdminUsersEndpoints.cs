using System.Security.Claims;
using AuthServer.Infrastructure;
using AuthServer.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthServer.Features.Admin;

/// <summary>The administration of users, under <c>/admin</c>: find them, grant and remove roles, disable, enable, sign out everywhere.</summary>
public static class AdminUsersEndpoints
{
    public static IEndpointRouteBuilder MapAdminUsers(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/users", ListAsync).WithName("AdminListUsers");
        routes.MapPost("/users/{id:guid}/roles", GrantRoleAsync).WithName("AdminGrantRole");
        routes.MapDelete("/users/{id:guid}/roles/{role}", RevokeRoleAsync).WithName("AdminRevokeRole");
        routes.MapPost("/users/{id:guid}/disable", DisableAsync).WithName("AdminDisableUser");
        routes.MapPost("/users/{id:guid}/enable", EnableAsync).WithName("AdminEnableUser");
        routes.MapPost("/users/{id:guid}/logout-all", LogoutAllAsync).WithName("AdminLogoutAll");
        return routes;
    }

    /// <summary>Users whose name contains <paramref name="query"/>, a page at a time.</summary>
    public static async Task<Results<Ok<AdminUserListResponse>, JsonHttpResult<AuthError>>> ListAsync(
        string? query, string? limit, string? after, ClaimsPrincipal principal, HttpContext context, UserAdministration administration, CancellationToken cancellationToken)
    {
        var page = await administration.ListUsersAsync(Administrator.From(principal), query, limit, after, cancellationToken);
        return page.Succeeded
            ? TypedResults.Ok(new AdminUserListResponse([.. page.Value.Users.Select(AdminUserResponse.From)], page.Value.Next))
            : AuthErrors.Answer(page.Refusal, context.Response);
    }

    public static async Task<Results<NoContent, JsonHttpResult<AuthError>>> GrantRoleAsync(
        Guid id, GrantRoleRequest request, ClaimsPrincipal principal, HttpContext context, UserAdministration administration, CancellationToken cancellationToken) =>
        Answer(await administration.GrantRoleAsync(Administrator.From(principal), id, request.Role, cancellationToken), context);

    public static async Task<Results<NoContent, JsonHttpResult<AuthError>>> RevokeRoleAsync(
        Guid id, string role, ClaimsPrincipal principal, HttpContext context, UserAdministration administration, CancellationToken cancellationToken) =>
        Answer(await administration.RevokeRoleAsync(Administrator.From(principal), id, role, cancellationToken), context);

    public static async Task<Results<NoContent, JsonHttpResult<AuthError>>> DisableAsync(
        Guid id, ClaimsPrincipal principal, HttpContext context, UserAdministration administration, CancellationToken cancellationToken) =>
        Answer(await administration.DisableAsync(Administrator.From(principal), id, cancellationToken), context);

    public static async Task<Results<NoContent, JsonHttpResult<AuthError>>> EnableAsync(
        Guid id, ClaimsPrincipal principal, HttpContext context, UserAdministration administration, CancellationToken cancellationToken) =>
        Answer(await administration.EnableAsync(Administrator.From(principal), id, cancellationToken), context);

    public static async Task<Results<NoContent, JsonHttpResult<AuthError>>> LogoutAllAsync(
        Guid id, ClaimsPrincipal principal, HttpContext context, UserAdministration administration, CancellationToken cancellationToken) =>
        Answer(await administration.LogoutEverywhereAsync(Administrator.From(principal), id, cancellationToken), context);

    // Every action is idempotent, and its answer says only that it is done.
    private static Results<NoContent, JsonHttpResult<AuthError>> Answer<T>(Result<T> outcome, HttpContext context) =>
        outcome.Succeeded ? TypedResults.NoContent() : AuthErrors.Answer(outcome.Refusal, context.Response);
}
