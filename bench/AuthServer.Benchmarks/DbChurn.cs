using System.Globalization;

namespace AuthServer.Benchmarks;

/// <summary>
/// Does the database stay bounded under endless churn? Runs the same simulated days against two servers, one
/// pruned once a simulated day and one never pruned, and prints each day's rows and file size of both.
/// </summary>
internal static class DbChurn
{
    // Retention (7 d) after the longest an ended session can take to end: its 30-day absolute lifetime.
    private const int PlateauDay = 30 + 7 + 1;

    public static async Task RunAsync(int days, int loginsPerDay, int refreshesPerLogin)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"db-churn: {days} days, {loginsPerDay} logins a day each refreshed {refreshesPerLogin} times (every 4th logged out), 20 daily users; default settings"));
        using var pruned = await ChurnWorkload.StartAsync(prune: true, loginsPerDay, refreshesPerLogin);
        using var unpruned = await ChurnWorkload.StartAsync(prune: false, loginsPerDay, refreshesPerLogin);

        Console.WriteLine("        |                  pruned daily                              |          never pruned");
        Console.WriteLine("    day | sessions  tokens   file KiB    pages   free  deleted  pass ms | sessions  tokens   file KiB");
        var history = new List<DatabaseFootprint>();
        DatabaseFootprint? last = null;
        for (var day = 1; day <= days; day++)
        {
            var passes = await Task.WhenAll(pruned.RunDayAsync(), unpruned.RunDayAsync());
            var (result, elapsed) = passes[0]!.Value;
            var withPruning = await DatabaseFootprint.MeasureAsync(pruned.DatabasePath);
            last = await DatabaseFootprint.MeasureAsync(unpruned.DatabasePath);
            history.Add(withPruning);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{day,7} | {withPruning.Sessions,8} {withPruning.RefreshTokens,7} {withPruning.TotalBytes / 1024,10} {withPruning.Pages,8} {withPruning.FreePages,6} {result.Sessions + result.RefreshTokens,8} {elapsed.TotalMilliseconds,8:F0} | {last.Sessions,8} {last.RefreshTokens,7} {last.TotalBytes / 1024,10}"));
        }

        var final = history[^1];
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"final, pruned:       {final.Sessions} sessions, {final.RefreshTokens} refresh tokens, {final.TotalBytes / 1024.0 / 1024:F2} MiB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"final, never pruned: {last!.Sessions} sessions, {last.RefreshTokens} refresh tokens, {last.TotalBytes / 1024.0 / 1024:F2} MiB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio never pruned / pruned: file size {(double)last.TotalBytes / final.TotalBytes:F2}, rows {(double)(last.Sessions + last.RefreshTokens) / (final.Sessions + final.RefreshTokens):F2}"));
        if (days >= PlateauDay)
        {
            var plateau = history.Skip(PlateauDay - 1).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pruned, days {PlateauDay}-{days}: sessions {plateau.Min(f => f.Sessions)}-{plateau.Max(f => f.Sessions)}, refresh tokens {plateau.Min(f => f.RefreshTokens)}-{plateau.Max(f => f.RefreshTokens)}, file {plateau.Min(f => f.TotalBytes) / 1024}-{plateau.Max(f => f.TotalBytes) / 1024} KiB"));
        }
    }
}
