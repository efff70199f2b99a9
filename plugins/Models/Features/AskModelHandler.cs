using MediatR;
using Microsoft.Extensions.AI;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Requests;

namespace PluginBot.Plugins.Models.Features;

/// <summary>Resolves the model as the current actor and starts the stream; reading it is the caller's.</summary>
internal sealed class AskModelHandler(IModelRouter router, IActorAccessor actor) : IRequestHandler<AskModel.Command, AskModel.Answer>
{
    public async Task<AskModel.Answer> Handle(AskModel.Command request, CancellationToken cancellationToken)
    {
        var context = new LlmCallContext { Actor = actor.Current!, Purpose = "ask", IdempotencyKey = $"ask:{Guid.NewGuid():N}" };
        var resolved = await router.ResolveAsync(request.Model, context, cancellationToken: cancellationToken);
        List<ChatMessage> messages = string.IsNullOrWhiteSpace(request.System)
            ? [new(ChatRole.User, request.Prompt)]
            : [new(ChatRole.System, request.System), new(ChatRole.User, request.Prompt)];
        return new AskModel.Answer(resolved.Reference, resolved.Alias, new StreamingResult<ChatResponseUpdate>(resolved.Client.GetStreamingResponseAsync(messages, cancellationToken: cancellationToken)));
    }
}
