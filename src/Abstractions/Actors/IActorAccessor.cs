namespace PluginBot.Abstractions.Actors;

/// <summary>
/// The actor of the current DI scope. Transports set it once per incoming update or HTTP request;
/// everything downstream reads it.
/// </summary>
public interface IActorAccessor
{
    /// <summary>The current actor, or null when no transport has set one (requests are then refused).</summary>
    Actor? Current { get; set; }
}
