using FluentValidation;
using MediatR;
using Microsoft.Extensions.AI;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Requests;

namespace PluginBot.Host.Llm;

/// <summary>One prompt to one model, streamed back: what <c>pluginbot ask</c> sends through the pipeline.</summary>
public static class AskModel
{
    [Audited]
    public sealed record Command(string Prompt, string? Model, string? System) : IRequest<Answer>;

    /// <summary>The resolved model and its streamed answer; pipeline behaviours see the stream's real outcome.</summary>
    public sealed class Answer(ModelReference model, string? alias, StreamingResult<ChatResponseUpdate> updates) : IStreamingResult
    {
        public ModelReference Model { get; } = model;

        public string? Alias { get; } = alias;

        public StreamingResult<ChatResponseUpdate> Updates { get; } = updates;

        public void OnCompleted(Func<StreamOutcome, Exception?, ValueTask> callback) => Updates.OnCompleted(callback);
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Prompt).NotEmpty().WithMessage("is empty: write what to ask, e.g. pluginbot ask \"Summarise RFC 9110\"");
            RuleFor(c => c.Prompt).MaximumLength(200_000);
        }
    }

    internal sealed class Handler(IModelRouter router, IActorAccessor actor) : IRequestHandler<Command, Answer>
    {
        public async Task<Answer> Handle(Command request, CancellationToken cancellationToken)
        {
            var context = new LlmCallContext { Actor = actor.Current!, Purpose = "ask", IdempotencyKey = $"ask:{Guid.NewGuid():N}" };
            var resolved = await router.ResolveAsync(request.Model, context, cancellationToken: cancellationToken);
            List<ChatMessage> messages = string.IsNullOrWhiteSpace(request.System)
                ? [new(ChatRole.User, request.Prompt)]
                : [new(ChatRole.System, request.System), new(ChatRole.User, request.Prompt)];
            return new Answer(resolved.Reference, resolved.Alias, new StreamingResult<ChatResponseUpdate>(resolved.Client.GetStreamingResponseAsync(messages, cancellationToken: cancellationToken)));
        }
    }
}
