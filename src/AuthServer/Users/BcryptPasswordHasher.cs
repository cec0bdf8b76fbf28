using System.Security.Cryptography;
using BCrypt.Net;
using Microsoft.Extensions.Options;

namespace AuthServer.Users;

/// <summary>
/// BCrypt in its enhanced mode: the password is first hashed with SHA-384, so every byte counts instead
/// of BCrypt's silent cut at 72 bytes. Hashing is CPU-bound and slow by design, so at most
/// <see cref="PasswordOptions.MaxConcurrentHashes"/> run at once and a login flood cannot starve the rest.
/// </summary>
public sealed class BcryptPasswordHasher : IPasswordHasher, IDisposable
{
    private const HashType PreHash = HashType.SHA384;

    private readonly int _workFactor;
    private readonly SemaphoreSlim _slots;
    private readonly Lazy<string> _dummyHash;

    public BcryptPasswordHasher(IOptions<PasswordOptions> options)
    {
        _workFactor = options.Value.WorkFactor;
        _slots = new SemaphoreSlim(options.Value.MaxConcurrentHashes);
        _dummyHash = new Lazy<string>(() =>
            BCrypt.Net.BCrypt.EnhancedHashPassword(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), PreHash, _workFactor));
    }

    public async Task<string> HashAsync(string password, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return BCrypt.Net.BCrypt.EnhancedHashPassword(password, PreHash, _workFactor);
        }
        finally
        {
            _slots.Release();
        }
    }

    public async Task<PasswordVerification> VerifyAsync(string password, string? hash, CancellationToken cancellationToken)
    {
        var dummyHash = _dummyHash.Value;
        await _slots.WaitAsync(cancellationToken);
        try
        {
            if (!BCrypt.Net.BCrypt.EnhancedVerify(password, hash ?? dummyHash, PreHash) || hash is null)
            {
                return PasswordVerification.Failed;
            }

            return BCrypt.Net.BCrypt.PasswordNeedsRehash(hash, _workFactor)
                ? PasswordVerification.SucceededRehashNeeded
                : PasswordVerification.Succeeded;
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
