using AuthServer.Data;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.StatusLists;

/// <summary>
/// Gives each new session its own entry: the running count of entries (<see cref="StatusListCounter"/>) picks the list
/// and the position in it, and <see cref="StatusIndexPermutation"/> the index. Entries are never given twice, so an
/// index never names a second session while an access token of the first could still be valid.
/// </summary>
public sealed class StatusListAllocator(StatusIndexPermutation permutation)
{
    /// <summary>Allocates the next entry; call it in the transaction that inserts the session, which then holds the counter's row.</summary>
    public async Task<StatusListEntry> AllocateAsync(AuthDbContext db, CancellationToken cancellationToken)
    {
        await db.StatusListCounters.Where(c => c.Id == StatusListCounter.SingletonId)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Allocated, x => x.Allocated + 1), cancellationToken);
        var allocated = await db.StatusListCounters.Where(c => c.Id == StatusListCounter.SingletonId).Select(c => c.Allocated).SingleAsync(cancellationToken);
        var number = allocated - 1;
        var list = checked((int)(number / StatusListLayout.EntriesPerList));
        return new StatusListEntry(list, permutation.IndexOf(list, (int)(number % StatusListLayout.EntriesPerList)));
    }
}
