using PluginBot.Abstractions.Actors;

namespace PluginBot.Abstractions.Requests;

/// <summary>Decides ownership for requests marked <see cref="AccessLevel.Owner"/>.</summary>
/// <typeparam name="TRequest">The request type.</typeparam>
public interface IRequestAuthorizer<in TRequest>
{
    /// <summary>True when <paramref name="actor"/> owns what <paramref name="request"/> names.</summary>
    ValueTask<bool> IsOwnerAsync(TRequest request, Actor actor, CancellationToken cancellationToken);
}
