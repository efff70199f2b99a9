namespace PluginBot.Abstractions.Actors;

/// <summary>
/// The actor of the current DI scope, read-only: the host establishes it once per incoming update, HTTP request, event
/// delivery or <see cref="Requests.IRequestSender.SendAsAsync{TResponse}"/>, and everything downstream reads it. To act
/// as someone else, send through <see cref="Requests.IRequestSender"/>; since host API 2.0 no plugin assigns it.
/// </summary>
public interface IActorAccessor
{
    /// <summary>The current actor, or null when none was established (requests are then refused).</summary>
    Actor? Current { get; }
}
