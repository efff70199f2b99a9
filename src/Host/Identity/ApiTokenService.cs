using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Identity;

/// <summary>Per-user HTTP bearer tokens: shown once at creation, stored as SHA-256 hashes, revocable.</summary>
internal sealed class ApiTokenService(KernelDbContext db, TimeProvider time)
{
    public const string Prefix = "pb_";

    public async Task<(ApiTokenRow Row, string Token)> CreateAsync(long userId, string name, CancellationToken cancellationToken)
    {
        var token = Prefix + RandomText.Create(40);
        var row = new ApiTokenRow
        {
            Id = RandomText.Create(8),
            UserId = userId,
            Name = name,
            TokenHash = Hash(token),
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
        };
        db.ApiTokens.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return (row, token);
    }

    public Task<List<ApiTokenRow>> ListAsync(CancellationToken cancellationToken) =>
        db.ApiTokens.AsNoTracking().OrderBy(t => t.CreatedAtUtc).ToListAsync(cancellationToken);

    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        var row = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (row is null || row.RevokedAtUtc is not null)
        {
            return false;
        }

        row.RevokedAtUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The user a live token belongs to, or null. Looked up by hash, so timing reveals nothing about the token.</summary>
    public async Task<long?> FindUserAsync(string token, CancellationToken cancellationToken)
    {
        var hash = Hash(token);
        var row = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAtUtc == null, cancellationToken);
        return row?.UserId;
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Compares two secrets in constant time (hashing first hides their lengths too).</summary>
    public static bool SecretEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}

internal static class RandomText
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string Create(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
