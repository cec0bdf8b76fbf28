using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;

namespace AuthServer.Users;

/// <summary>
/// The threads password hashes run on: one per <see cref="PasswordOptions.ConcurrentHashes"/>, of their own, at a lower
/// scheduling priority than the rest of the server (nice <see cref="Niceness"/> on Linux). The pool bounds how many
/// cores hashing may take; the priority decides who runs first when the machine is busy anyway, so that under a login
/// flood a token check or a refresh waits for a core less than a hash does (bench/README.md, login-flood). Hashing still
/// gets every core the rest leaves idle.
/// </summary>
public sealed class HashingThreads : IDisposable
{
    /// <summary>Linux nice value of the hashing threads, the lowest priority: a CPU weight of about 1/70 of a normal thread's.</summary>
    public const int Niceness = 19;

    private readonly BlockingCollection<Action> _work = [];

    public HashingThreads(IOptions<PasswordOptions> options)
    {
        for (var i = 0; i < options.Value.ConcurrentHashes; i++)
        {
            new Thread(Work) { IsBackground = true, Name = "AuthServer password hashing" }.Start();
        }
    }

    /// <summary>Runs <paramref name="hash"/> on a hashing thread. The caller holds a <see cref="HashingSlot"/>, so a thread is free.</summary>
    public Task<T> RunAsync<T>(Func<T> hash)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                done.SetResult(hash());
            }
#pragma warning disable CA1031 // Whatever the hash throws belongs to its caller.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                done.SetException(exception);
            }
        });
        return done.Task;
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        _work.Dispose();
    }

    private void Work()
    {
        if (OperatingSystem.IsLinux())
        {
            // Per thread on Linux. Raising the nice value needs no privilege (lowering it back would); best effort.
            _ = SetPriority(PriorityProcess, GetThreadId(), Niceness);
        }

        try
        {
            foreach (var hash in _work.GetConsumingEnumerable())
            {
                hash();
            }
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private const int PriorityProcess = 0;

    // Blittable arguments only: plain DllImport needs no marshalling code (LibraryImport would need unsafe code).
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "setpriority")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetThreadId();
#pragma warning restore SYSLIB1054
}
