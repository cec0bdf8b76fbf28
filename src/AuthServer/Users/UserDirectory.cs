using System.Buffers.Text;
using System.Globalization;
using System.Text;
using AuthServer.Data;
using AuthServer.Infrastructure;
using AuthServer.Sessions;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Users;

/// <summary>
/// Finds users for administrators. The search matches a username that contains the query anywhere, regardless of case
/// (both are compared in their normalized form, <see cref="UsernamePolicy.Normalize"/>). Pages come in the order of the
/// normalized username, which is unique, so the order is total and stable: the cursor of the next page is the last
/// normalized username of this one, and users registered meanwhile are neither skipped before it nor repeated.
/// </summary>
public sealed class UserDirectory(AuthDbContext db, TimeProvider time)
{
    public const int DefaultLimit = 50;

    public const int MaxLimit = 100;

    // Base64url of at most 64 characters of up to 4 UTF-8 bytes each: anything longer is no cursor of ours.
    private const int MaxCursorLength = 344;

    private static readonly Refusal BadLimit = Refusal.InvalidRequest($"The limit must be a whole number from 1 to {MaxLimit}.");
    private static readonly Refusal BadCursor = Refusal.InvalidRequest("The after parameter must be the next cursor of an earlier page.");
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The users whose name contains <paramref name="query"/> (all when it is empty), at most <paramref name="limit"/>
    /// (<see cref="DefaultLimit"/> when absent) after the cursor <paramref name="after"/>; a refusal for a limit out of range
    /// or a cursor this server did not make.
    /// </summary>
    public async Task<Result<UserPage>> SearchAsync(string? query, string? limit, string? after, CancellationToken cancellationToken)
    {
        var pageSize = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxLimit))
        {
            return BadLimit;
        }

        string? afterName = null;
        if (after is not null && (afterName = DecodeCursor(after)) is null)
        {
            return BadCursor;
        }

        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrEmpty(query))
        {
            var normalizedQuery = UsernamePolicy.Normalize(query);
            users = users.Where(u => u.NormalizedUsername.Contains(normalizedQuery));
        }

        if (afterName is not null)
        {
#pragma warning disable CA1309, CA1310 // Not run in .NET: EF Core makes it SQL's >, which compares as ORDER BY sorts, on either provider.
            users = users.Where(u => u.NormalizedUsername.CompareTo(afterName) > 0);
#pragma warning restore CA1309, CA1310
        }

        // One more than the page: whether it exists says whether there is a next page.
        var found = await users.OrderBy(u => u.NormalizedUsername).Take(pageSize + 1)
            .Select(u => new { u.Id, u.Username, u.NormalizedUsername, u.DisabledAtUtc, u.CreatedAtUtc, Roles = u.Roles.Select(r => r.Name).ToList() })
            .ToListAsync(cancellationToken);
        var page = found.Count > pageSize ? found.GetRange(0, pageSize) : found;
        var liveSessions = await CountLiveSessionsAsync(page.ConvertAll(u => u.Id), cancellationToken);
        var summaries = page.ConvertAll(u => new UserSummary(
            u.Id,
            u.Username,
            [.. u.Roles.Order(StringComparer.Ordinal)],
            u.DisabledAtUtc is not null,
            u.CreatedAtUtc,
            liveSessions.GetValueOrDefault(u.Id)));
        return new UserPage(summaries, found.Count > pageSize ? EncodeCursor(page[^1].NormalizedUsername) : null);
    }

    /// <summary>The id of the user with <paramref name="username"/> (in any case), or null when there is none.</summary>
    public Task<Guid?> FindIdAsync(string username, CancellationToken cancellationToken)
    {
        var normalized = UsernamePolicy.Normalize(username);
        return db.Users.Where(u => u.NormalizedUsername == normalized).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(cancellationToken);
    }

    private async Task<Dictionary<Guid, int>> CountLiveSessionsAsync(List<Guid> userIds, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return [];
        }

        var now = time.GetUtcNow().UtcDateTime;
        return await db.Sessions.AsNoTracking()
            .Where(s => userIds.Contains(s.UserId))
            .Where(SessionLiveness.LiveAt(now))
            .GroupBy(s => s.UserId)
            .Select(g => new { UserId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.UserId, g => g.Count, cancellationToken);
    }

    private static string EncodeCursor(string normalizedUsername) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(normalizedUsername));

    private static string? DecodeCursor(string cursor)
    {
        if (cursor.Length is 0 or > MaxCursorLength || !Base64Url.IsValid(cursor))
        {
            return null;
        }

        try
        {
            var name = StrictUtf8.GetString(Base64Url.DecodeFromChars(cursor));
            return name.Length is > 0 and <= UsernamePolicy.MaxLength ? name : null;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
