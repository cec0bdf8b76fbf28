using System.Security.Cryptography;
using BCrypt.Net;
using Microsoft.Extensions.Options;

namespace AuthServer.Users;

/// <summary>
/// BCrypt in its enhanced mode: the password is first hashed with SHA-384, so every byte counts instead
/// of BCrypt's silent cut at 72 bytes. Hashing is CPU-bound and slow by design: callers hold a
/// <see cref="HashingSlot"/> of the <see cref="PasswordHashingPool"/>, and the work runs on the low-priority
/// <see cref="HashingThreads"/>, so a login flood cannot starve the rest.
/// </summary>
public sealed class BcryptPasswordHasher : IPasswordHasher
{
    private const HashType PreHash = HashType.SHA384;

    private readonly int _workFactor;
    private readonly HashingThreads? _threads;
    private readonly Lazy<string> _dummyHash;

    /// <summary>A hasher that runs on the caller's thread (tests wrap it).</summary>
    public BcryptPasswordHasher(IOptions<PasswordOptions> options)
    {
        _workFactor = options.Value.WorkFactor;
        _dummyHash = new Lazy<string>(() =>
            BCrypt.Net.BCrypt.EnhancedHashPassword(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), PreHash, _workFactor));
    }

    /// <summary>The server's hasher: the work runs on <paramref name="threads"/>.</summary>
    public BcryptPasswordHasher(IOptions<PasswordOptions> options, HashingThreads threads) : this(options) => _threads = threads;

    public Task<string> HashAsync(string password, CancellationToken cancellationToken) =>
        Run(() => BCrypt.Net.BCrypt.EnhancedHashPassword(password, PreHash, _workFactor));

    public Task<PasswordVerification> VerifyAsync(string password, string? hash, CancellationToken cancellationToken) => Run(() =>
    {
        var dummyHash = _dummyHash.Value;
        if (!BCrypt.Net.BCrypt.EnhancedVerify(password, hash ?? dummyHash, PreHash) || hash is null)
        {
            return PasswordVerification.Failed;
        }

        return BCrypt.Net.BCrypt.PasswordNeedsRehash(hash, _workFactor)
            ? PasswordVerification.SucceededRehashNeeded
            : PasswordVerification.Succeeded;
    });

    private Task<T> Run<T>(Func<T> hash) => _threads is null ? Task.FromResult(hash()) : _threads.RunAsync(hash);
}
