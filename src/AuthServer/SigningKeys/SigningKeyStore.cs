using AuthServer.Data;
using AuthServer.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AuthServer.SigningKeys;

/// <summary>The stored signing keys of the configured algorithm: creating the first key and its successors, retiring old ones.</summary>
internal sealed class SigningKeyStore(
    AuthDbContext db,
    SigningKeyMaterial material,
    IOptions<SigningOptions> signingOptions,
    IOptions<TokenOptions> tokenOptions,
    IOptions<KeyRotationOptions> keyOptions,
    TimeProvider time)
{
    private string Algorithm => signingOptions.Value.SigningAlgorithm;

    /// <summary>The keys of the configured algorithm, with or without the retired ones.</summary>
    public async Task<SigningKeySchedule> LoadAsync(bool includeRetired, CancellationToken cancellationToken)
    {
        var keys = await db.SigningKeys.AsNoTracking()
            .Where(k => k.Algorithm == Algorithm && (includeRetired || k.RetiredAtUtc == null))
            .ToListAsync(cancellationToken);
        return new SigningKeySchedule(keys, tokenOptions.Value.AccessTokenLifetime);
    }

    /// <summary>
    /// Creates the first key when there is none, and the successor of the newest key when it is due (or
    /// <paramref name="force"/>d) and none is announced yet. Returns the key it created, or null.
    /// </summary>
    public async Task<SigningKey?> CreateDueKeyAsync(bool force, CancellationToken cancellationToken)
    {
        // Instances that get here at once take turns (SQLite's write lock, taken when the transaction begins; a
        // PostgreSQL advisory lock), and the later one finds the key the first one made.
        var key = await db.InWriteTransactionAsync(async ct =>
        {
            await db.Database.LockForTransactionAsync(DeploymentWork.SigningKeys, ct);
            var next = NextKey(await LoadAsync(includeRetired: false, ct), force);
            if (next is not null)
            {
                db.SigningKeys.Add(next);
                await db.SaveChangesAsync(ct);
            }

            return next;
        }, cancellationToken);
        db.ChangeTracker.Clear();
        return key;
    }

    /// <summary>
    /// Marks the keys whose retirement has come, with the time the schedule gives, and erases their private key:
    /// it will never sign or verify again (NIST SP 800-57 Part 1 §8.3.4). The row stays for <c>keys list</c>.
    /// Returns the kids it retired.
    /// </summary>
    public async Task<IReadOnlyList<string>> RetireAsync(SigningKeySchedule schedule, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var retired = new List<string>();
        foreach (var key in schedule.Keys)
        {
            if (key.RetiredAtUtc is null && schedule.RetiresAtUtc(key) is { } retiresAt && retiresAt <= now)
            {
                var changed = await db.SigningKeys
                    .Where(k => k.Id == key.Id && k.RetiredAtUtc == null)
                    .ExecuteUpdateAsync(k => k.SetProperty(x => x.RetiredAtUtc, retiresAt).SetProperty(x => x.ProtectedPrivateKey, ""), cancellationToken);
                if (changed == 1)
                {
                    retired.Add(key.Id);
                }
            }
        }

        return retired;
    }

    private SigningKey? NextKey(SigningKeySchedule schedule, bool force)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (schedule.Newest is not { } newest)
        {
            // No verifier can know tokens of a first key, so there is nothing to announce it to: it signs at once.
            return material.Create(Algorithm, now, now);
        }

        if (newest.ActivatesAtUtc > now)
        {
            return null;
        }

        var options = keyOptions.Value;
        var due = newest.ActivatesAtUtc + options.RotationPeriod - options.AnnouncementPeriod;
        return force || now >= due ? material.Create(Algorithm, now, now + options.AnnouncementPeriod) : null;
    }
}
