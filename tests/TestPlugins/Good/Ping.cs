using FluentValidation;
using MediatR;

namespace PluginBot.TestPlugins.Good;

/// <summary>Answers a ping, records it through an event and says whether the plugin's behaviour saw it.</summary>
public static class Ping
{
    public sealed record Query(string Text) : IRequest<string>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Text).NotEmpty().MaximumLength(20);
    }

    public sealed class Handler(IMediator mediator, PipelineTrace trace) : IRequestHandler<Query, string>
    {
        public async Task<string> Handle(Query request, CancellationToken cancellationToken)
        {
            await mediator.Publish(new Pinged(request.Text), cancellationToken);
            var traced = trace.Requests.Contains(typeof(Query)) ? "traced" : "untraced";
            return $"pong {request.Text} ({traced})";
        }
    }
}
