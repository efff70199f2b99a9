using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.LlmGateway;

/// <summary>
/// Wraps an SDK's chat client: takes the router's call context out of the options (it is never sent as a
/// request field) and hands it to the pipeline through a <see cref="CallScope"/>, attaches the price the gateway
/// reported to a non-streamed response's usage, and marks exceptions with the model and whether the caller
/// cancelled, so that <see cref="ILlmEndpoint.Classify"/> can name them.
/// </summary>
internal sealed class EndpointChatClient(IChatClient inner, string model) : DelegatingChatClient(inner)
{
    public const string ModelKey = "pluginbot.llm.model";
    public const string CallerCancelledKey = "pluginbot.llm.caller_cancelled";
    public const string RetryAfterKey = "pluginbot.llm.retry_after";

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var scope = new CallScope(ContextOf(options));
        scope.Enter();
        try
        {
            var response = await base.GetResponseAsync(messages, WithoutContext(options), cancellationToken).ConfigureAwait(false);
            if (scope.CostMicros is { } cost)
            {
                response.Usage ??= new UsageDetails();
                response.Usage.AdditionalCounts ??= [];
                response.Usage.AdditionalCounts[LlmKeys.ProviderCostMicros] = cost;
            }

            return response;
        }
        catch (Exception exception)
        {
            Mark(exception, scope, cancellationToken);
            throw;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // No price here: a streamed answer's headers leave before the generation, so they cannot carry its cost.
        var scope = new CallScope(ContextOf(options));
        var updates = base.GetStreamingResponseAsync(messages, WithoutContext(options), cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (updates.ConfigureAwait(false))
        {
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    scope.Enter();
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }

                    update = updates.Current;
                }
                catch (Exception exception)
                {
                    Mark(exception, scope, cancellationToken);
                    throw;
                }

                yield return update;
            }
        }
    }

    private static LlmCallContext? ContextOf(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(LlmKeys.CallContext, out var value) == true ? value as LlmCallContext : null;

    /// <summary>A copy of the options without the call context, so no SDK can serialise it into the request.</summary>
    private static ChatOptions? WithoutContext(ChatOptions? options)
    {
        if (options?.AdditionalProperties is not { } properties || !properties.ContainsKey(LlmKeys.CallContext))
        {
            return options;
        }

        var copy = options.Clone();
        var remaining = new AdditionalPropertiesDictionary(properties);
        remaining.Remove(LlmKeys.CallContext);
        copy.AdditionalProperties = remaining.Count == 0 ? null : remaining;
        return copy;
    }

    private void Mark(Exception exception, CallScope scope, CancellationToken cancellationToken)
    {
        exception.Data[ModelKey] = model;
        if (scope.RetryAfter is { } retryAfter)
        {
            exception.Data[RetryAfterKey] = retryAfter;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            exception.Data[CallerCancelledKey] = true;
        }
    }
}
