using AuthServer.Users;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// The real hasher, except that the first verification of <see cref="GatedPassword"/> waits until the test opens
/// the gate: a login held "in flight" while the test does something else.
/// </summary>
public sealed class GatedPasswordHasher(IPasswordHasher inner, string gatedPassword) : IPasswordHasher
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _gated;

    public string GatedPassword => gatedPassword;

    /// <summary>Completes when the held verification has reached the gate.</summary>
    public Task Entered => _entered.Task;

    public void Open() => _gate.TrySetResult();

    public Task<string> HashAsync(string password, CancellationToken cancellationToken) => inner.HashAsync(password, cancellationToken);

    public async Task<PasswordVerification> VerifyAsync(string password, string? hash, CancellationToken cancellationToken)
    {
        if (password == gatedPassword && Interlocked.Exchange(ref _gated, 1) == 0)
        {
            _entered.TrySetResult();
            await _gate.Task.WaitAsync(cancellationToken);
        }

        return await inner.VerifyAsync(password, hash, cancellationToken);
    }
}
