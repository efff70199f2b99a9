using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PluginBot.Abstractions;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Replies;
using PluginBot.Host.Configuration;
using PluginBot.Host.Identity;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Commands;

/// <summary>Stores button actions in <c>kernel_button_tokens</c> behind unguessable 16-character ids.</summary>
internal sealed class ButtonTokens(
    KernelDbContext db,
    IEnumerable<ButtonActionRegistration> registrations,
    KernelSettings settings,
    TimeProvider time) : IButtonTokens
{
    public const string Prefix = "cb:";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<string> IssueAsync(IBaseRequest request, Actor? issuedTo = null, TimeSpan? lifetime = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = request.GetType();
        if (!registrations.Any(r => r.RequestType == type))
        {
            throw new InvalidOperationException($"{type.Name} is not registered as a button action: call services.AddButtonAction<{type.Name}>() in the plugin.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var row = new ButtonTokenRow
        {
            Id = RandomText.Create(16),
            RequestType = type.FullName!,
            PayloadJson = JsonSerializer.Serialize(request, type, Json),
            IssuedToUserId = issuedTo is { Kind: not ActorKind.System } ? issuedTo.Id : null,
            CreatedAtUtc = now,
            ExpiresAtUtc = now + (lifetime ?? settings.ButtonLifetime),
        };
        db.ButtonTokens.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return Prefix + row.Id;
    }

    public async Task<IBaseRequest> ResolveAsync(string data, Actor presser, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(presser);
        const string gone = "This button no longer works (it expired or is unknown). Send the command again.";
        if (!data.StartsWith(Prefix, StringComparison.Ordinal) || data.Length != Prefix.Length + 16)
        {
            throw new NotFoundException(gone);
        }

        var id = data[Prefix.Length..];
        var row = await db.ButtonTokens.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (row is null || row.ExpiresAtUtc <= time.GetUtcNow().UtcDateTime)
        {
            throw new NotFoundException(gone);
        }

        if (row.IssuedToUserId is { } owner && owner != presser.Id && !presser.IsPrivileged)
        {
            throw new ForbiddenException("This button is not for you.");
        }

        var type = registrations.Select(r => r.RequestType).FirstOrDefault(t => t.FullName == row.RequestType)
            ?? throw new NotFoundException("This button belongs to a plugin that is no longer active.");
        return (IBaseRequest)JsonSerializer.Deserialize(row.PayloadJson, type, Json)!;
    }
}
