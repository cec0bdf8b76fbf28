using System.ComponentModel.DataAnnotations;
using AuthServer.Tokens;

namespace AuthServer.Sessions;

/// <summary>How ended sessions and spent refresh tokens are pruned in the background; bound from <c>Auth:Pruning</c>.</summary>
public sealed class PruningOptions
{
    public const string SectionName = "Auth:Pruning";

    /// <summary>
    /// How long a consumed or expired refresh token, and an ended session, is kept before it is deleted. Unset, it
    /// is <see cref="TokenOptions.RefreshTokenLifetime"/> (7 days by default): a consumed token stays in the table,
    /// and so is recognised as reused (revoking its session), for as long as it could have lived had it not been
    /// used. A deleted token that comes back is merely unknown, so it revokes nothing; that is why the server
    /// refuses a retention shorter than the refresh-token lifetime.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan? Retention { get; init; }

    /// <summary>The retention in force: <see cref="Retention"/>, or the refresh-token lifetime when it is unset.</summary>
    public TimeSpan RetentionFor(TokenOptions tokens) => Retention ?? tokens.RefreshTokenLifetime;

    /// <summary>Time between two pruning passes; the first pass runs one interval after start. Default 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Rows deleted per statement; each batch is its own short transaction. Default 1000.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; init; } = 1000;

    /// <summary>
    /// Pause after a full batch before the next one, so that refreshes waiting for SQLite's single write lock get
    /// it: Microsoft.Data.Sqlite retries a busy statement every 150 ms, so a shorter pause could starve them.
    /// Default 200 ms.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan BatchPause { get; init; } = TimeSpan.FromMilliseconds(200);
}
