using MediatR;
using Microsoft.Extensions.AI;
using PluginBot.Abstractions.Requests;

namespace PluginBot.Abstractions.Llm;

/// <summary>
/// One prompt to one model, streamed back, as the current actor: what <c>pluginbot ask</c> sends through the
/// pipeline. The Models plugin handles it; with that plugin inactive no handler exists.
/// </summary>
public static class AskModel
{
    /// <summary>The question.</summary>
    /// <param name="Prompt">What to ask.</param>
    /// <param name="Model">An alias or <c>endpoint:model</c>; null for the resolved default.</param>
    /// <param name="System">An optional system prompt.</param>
    [Audited]
    public sealed record Command(string Prompt, string? Model, string? System) : IRequest<Answer>;

    /// <summary>The resolved model and its streamed answer; pipeline behaviours see the stream's real outcome.</summary>
    /// <param name="model">The endpoint and model that answer.</param>
    /// <param name="alias">The alias it was reached through, if any.</param>
    /// <param name="updates">The streamed answer.</param>
    public sealed class Answer(ModelReference model, string? alias, StreamingResult<ChatResponseUpdate> updates) : IStreamingResult
    {
        /// <summary>The endpoint and model that answer.</summary>
        public ModelReference Model { get; } = model;

        /// <summary>The alias it was reached through, if any.</summary>
        public string? Alias { get; } = alias;

        /// <summary>The streamed answer, read once.</summary>
        public StreamingResult<ChatResponseUpdate> Updates { get; } = updates;

        /// <inheritdoc />
        public void OnCompleted(Func<StreamOutcome, Exception?, ValueTask> callback) => Updates.OnCompleted(callback);
    }
}
