using Microsoft.Extensions.AI;
using PluginBot.Abstractions.Replies;

namespace PluginBot.Abstractions.Llm;

/// <summary>A model resolved for a call, with a client ready to use.</summary>
/// <param name="Reference">The endpoint and model.</param>
/// <param name="Alias">The alias it was reached through, if any.</param>
/// <param name="Client">
/// The client to call. Every call through it passes the budget gate, is retried and falls back as configured,
/// has a maximum output set, and publishes one <see cref="LlmCallCompleted"/> per attempt. It does not depend on the
/// scope the router was resolved from, so a long call may outlive that scope (and need not hold its database
/// connection).
/// </param>
public sealed record ResolvedModel(ModelReference Reference, string? Alias, IChatClient Client);

/// <summary>One model the router can reach.</summary>
/// <param name="Reference">The endpoint and model.</param>
/// <param name="Aliases">Aliases that point at it.</param>
/// <param name="Available">True when the endpoint listed it just now.</param>
public sealed record ModelListing(ModelReference Reference, IReadOnlyList<string> Aliases, bool Available);

/// <summary>
/// Turns a model name into a ready client. Resolution order: the explicit model, the chat's saved model, the
/// user's saved model, <c>LLM_MODEL</c>, the default model of <c>LLM_PROVIDER</c>'s endpoint. A name is an
/// alias (<c>Models:Aliases:&lt;name&gt;</c>) or an <c>endpoint:model</c> reference.
/// </summary>
public interface IModelRouter
{
    /// <summary>
    /// Resolves the model for a call. Throws <see cref="ModelNotAvailableException"/> with a clear message when
    /// the name, alias or endpoint is unknown.
    /// </summary>
    Task<ResolvedModel> ResolveAsync(string? requestedModel, LlmCallContext context, ConversationReference? conversation = null, CancellationToken cancellationToken = default);

    /// <summary>Every model on every endpoint, with aliases and availability.</summary>
    Task<IReadOnlyList<ModelListing>> ListModelsAsync(CancellationToken cancellationToken = default);
}
