using System.Security.Cryptography;
using BCrypt.Net;
using Microsoft.Extensions.Options;

namespace AuthServer.Users;

/// <summary>
/// BCrypt in its enhanced mode: the password is first hashed with SHA-384, so every byte counts instead
/// of BCrypt's silent cut at 72 bytes. Hashing is CPU-bound and slow by design: callers hold a
/// <see cref="HashingSlot"/> of the <see cref="PasswordHashingPool"/>, so a login flood cannot starve the rest.
/// </summary>
public sealed class BcryptPasswordHasher : IPasswordHasher
{
    private const HashType PreHash = HashType.SHA384;

    private readonly int _workFactor;
    private readonly Lazy<string> _dummyHash;

    public BcryptPasswordHasher(IOptions<PasswordOptions> options)
    {
        _workFactor = options.Value.WorkFactor;
        _dummyHash = new Lazy<string>(() =>
            BCrypt.Net.BCrypt.EnhancedHashPassword(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), PreHash, _workFactor));
    }

    public Task<string> HashAsync(string password, CancellationToken cancellationToken) =>
        Task.FromResult(BCrypt.Net.BCrypt.EnhancedHashPassword(password, PreHash, _workFactor));

    public Task<PasswordVerification> VerifyAsync(string password, string? hash, CancellationToken cancellationToken)
    {
        var dummyHash = _dummyHash.Value;
        if (!BCrypt.Net.BCrypt.EnhancedVerify(password, hash ?? dummyHash, PreHash) || hash is null)
        {
            return Task.FromResult(PasswordVerification.Failed);
        }

        return Task.FromResult(BCrypt.Net.BCrypt.PasswordNeedsRehash(hash, _workFactor)
            ? PasswordVerification.SucceededRehashNeeded
            : PasswordVerification.Succeeded);
    }
}
