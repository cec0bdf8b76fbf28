using AuthServer.Data;
using AuthServer.Infrastructure;
using AuthServer.Sessions;
using AuthServer.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AuthServer.Users;

/// <summary>
/// What an administrator may do to users' accounts, and its rules. Roles are granted and removed idempotently. Disabling
/// a user revokes every session of theirs at once (access tokens included), and until they are enabled again no session
/// of theirs is live (<see cref="SessionLiveness"/>) and no login starts one. Nobody may disable themself, and no change
/// may leave the role <see cref="RoleOptions.AdminRole"/> without an enabled holder. Every action is an audit event
/// naming the administrator and the user, and is counted in <c>authserver.admin_actions</c>.
/// </summary>
public sealed class UserAdministration(
    AuthDbContext db,
    UserDirectory directory,
    SessionRevoker revoker,
    IOptions<RoleOptions> roles,
    AuthMetrics metrics,
    TimeProvider time,
    ILogger<UserAdministration> logger)
{
    private const string ListUsersAction = "list_users";
    private const string GrantRoleAction = "grant_role";
    private const string RevokeRoleAction = "revoke_role";
    private const string DisableAction = "disable";
    private const string EnableAction = "enable";
    private const string LogoutAllAction = "logout_all";

    private static readonly Refusal UnknownUser = Refusal.NotFound("No user has this id.");
    private static readonly Refusal InvalidRoleName = Refusal.InvalidRequest("A role name has 1 to 64 characters: letters, digits, '.', '_' or '-'.");
    private static readonly Refusal DisablingOneself = Refusal.Conflict("Administrators cannot disable themselves; another administrator can.");
    private static readonly Refusal LastAdministrator = Refusal.Conflict(
        "This user is the last enabled administrator; make another user an administrator first.");

    /// <summary>A page of users (<see cref="UserDirectory.SearchAsync"/>).</summary>
    public async Task<Result<UserPage>> ListUsersAsync(Administrator administrator, string? query, string? limit, string? after, CancellationToken cancellationToken)
    {
        var page = await directory.SearchAsync(query, limit, after, cancellationToken);
        if (!page.Succeeded)
        {
            metrics.AdminAction(ListUsersAction, MetricOutcomes.InvalidRequest);
            return page;
        }

        logger.UsersListed(administrator, page.Value.Users.Count);
        metrics.AdminAction(ListUsersAction, MetricOutcomes.Succeeded);
        return page;
    }

    /// <summary>Gives the user the role; returns whether they did not have it yet.</summary>
    public async Task<Result<bool>> GrantRoleAsync(Administrator administrator, Guid userId, string? role, CancellationToken cancellationToken)
    {
        if (!RoleName.IsValid(role))
        {
            return Refuse(administrator, GrantRoleAction, userId, InvalidRoleName);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var granted = await db.InWriteTransactionAsync<Result<bool>>(async ct =>
        {
            if (!await LockUserAsync(userId, ct))
            {
                return UnknownUser;
            }

            if (await db.UserRoles.AnyAsync(r => r.UserId == userId && r.Name == role, ct))
            {
                return false;
            }

            db.UserRoles.Add(new UserRole { UserId = userId, Name = role!, GrantedAtUtc = now });
            await db.SaveChangesAsync(ct);
            return true;
        }, cancellationToken);
        if (!granted.Succeeded)
        {
            return Refuse(administrator, GrantRoleAction, userId, granted.Refusal);
        }

        logger.RoleGranted(administrator, userId, role!, granted.Value);
        Count(GrantRoleAction, granted.Value);
        return granted;
    }

    /// <summary>Takes the role from the user; returns whether they had it. The admin role's last enabled holder keeps it.</summary>
    public async Task<Result<bool>> RevokeRoleAsync(Administrator administrator, Guid userId, string role, CancellationToken cancellationToken)
    {
        var revoked = await db.InWriteTransactionAsync<Result<bool>>(async ct =>
        {
            if (role == roles.Value.AdminRole)
            {
                await db.Database.LockForTransactionAsync(DeploymentWork.AdministratorChange, ct);
            }

            if (!await LockUserAsync(userId, ct))
            {
                return UnknownUser;
            }

            if (role == roles.Value.AdminRole && await IsLastAdministratorAsync(userId, ct))
            {
                return LastAdministrator;
            }

            return await db.UserRoles.Where(r => r.UserId == userId && r.Name == role).ExecuteDeleteAsync(ct) > 0;
        }, cancellationToken);
        if (!revoked.Succeeded)
        {
            return Refuse(administrator, RevokeRoleAction, userId, revoked.Refusal);
        }

        logger.RoleRevoked(administrator, userId, role, revoked.Value);
        Count(RevokeRoleAction, revoked.Value);
        return revoked;
    }

    /// <summary>
    /// Disables the user and revokes every session of theirs, in one transaction, so that a login racing it gets no
    /// session; returns how many sessions it revoked. Disabling a disabled user revokes again and changes nothing else.
    /// </summary>
    public async Task<Result<int>> DisableAsync(Administrator administrator, Guid userId, CancellationToken cancellationToken)
    {
        // An administrator who locks themself out may leave nobody to undo it.
        if (administrator.UserId == userId)
        {
            return Refuse(administrator, DisableAction, userId, DisablingOneself);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var disabled = await db.InWriteTransactionAsync<Result<(bool Changed, RevokedSessions Revoked)>>(async ct =>
        {
            await db.Database.LockForTransactionAsync(DeploymentWork.AdministratorChange, ct);
            if (!await LockUserAsync(userId, ct))
            {
                return UnknownUser;
            }

            if (await IsLastAdministratorAsync(userId, ct))
            {
                return LastAdministrator;
            }

            var changed = await db.Users.Where(u => u.Id == userId && u.DisabledAtUtc == null)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.DisabledAtUtc, now), ct) > 0;
            return (changed, await revoker.RevokeAllInTransactionAsync(userId, SessionRevocationReason.UserDisabled, ct));
        }, cancellationToken);
        if (!disabled.Succeeded)
        {
            return Refuse(administrator, DisableAction, userId, disabled.Refusal);
        }

        var (changed, revoked) = disabled.Value;
        revoker.Announce(revoked);
        logger.UserDisabled(administrator, userId, changed, revoked.Sessions.Count);
        Count(DisableAction, changed);
        return revoked.Sessions.Count;
    }

    /// <summary>Lets a disabled user log in again; returns whether they were disabled. Their old sessions stay revoked.</summary>
    public async Task<Result<bool>> EnableAsync(Administrator administrator, Guid userId, CancellationToken cancellationToken)
    {
        var changed = await db.Users.Where(u => u.Id == userId && u.DisabledAtUtc != null)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.DisabledAtUtc, (DateTime?)null), cancellationToken) > 0;
        // Users are never deleted: one that is not found now did not exist before either.
        if (!changed && !await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            return Refuse(administrator, EnableAction, userId, UnknownUser);
        }

        logger.UserEnabled(administrator, userId, changed);
        Count(EnableAction, changed);
        return changed;
    }

    /// <summary>Revokes every session of the user, as their own <c>/logout-all</c> does; returns how many.</summary>
    public async Task<Result<int>> LogoutEverywhereAsync(Administrator administrator, Guid userId, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            return Refuse(administrator, LogoutAllAction, userId, UnknownUser);
        }

        var count = await revoker.RevokeAllAsync(userId, SessionRevocationReason.LogoutAllByAdministrator, cancellationToken);
        logger.UserLoggedOutByAdministrator(administrator, userId, count);
        Count(LogoutAllAction, changed: true);
        return count;
    }

    /// <summary>
    /// Takes the user's row lock (on PostgreSQL; SQLite's write transaction is exclusive already), so that changes to one
    /// user, and a login starting a session, take turns; returns whether the user exists.
    /// </summary>
    private async Task<bool> LockUserAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.TokensValidAfterUtc, x => x.TokensValidAfterUtc), cancellationToken) > 0;

    /// <summary>Whether the user is an enabled holder of the admin role and no other enabled user holds it.</summary>
    private async Task<bool> IsLastAdministratorAsync(Guid userId, CancellationToken cancellationToken)
    {
        var adminRole = roles.Value.AdminRole;
        return await db.Users.AnyAsync(u => u.Id == userId && u.DisabledAtUtc == null && u.Roles.Any(r => r.Name == adminRole), cancellationToken)
            && !await db.Users.AnyAsync(u => u.Id != userId && u.DisabledAtUtc == null && u.Roles.Any(r => r.Name == adminRole), cancellationToken);
    }

    private Refusal Refuse(Administrator administrator, string action, Guid userId, Refusal refusal)
    {
        logger.AdministrationRefused(administrator, action, userId, refusal.Description);
        metrics.AdminAction(action, refusal.Error switch
        {
            AuthErrors.ConflictCode => MetricOutcomes.Conflict,
            _ when refusal == UnknownUser => MetricOutcomes.NotFound,
            _ => MetricOutcomes.InvalidRequest,
        });
        return refusal;
    }

    private void Count(string action, bool changed) => metrics.AdminAction(action, changed ? MetricOutcomes.Succeeded : MetricOutcomes.Unchanged);
}
