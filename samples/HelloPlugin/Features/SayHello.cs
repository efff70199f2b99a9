using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;

namespace HelloPlugin.Features;

/// <summary><c>/hello [name] [--shout]</c>: greets someone and publishes <see cref="GreetingSent"/>.</summary>
public static class SayHello
{
    public const int MaxNameLength = 40;

    public static readonly CommandDescriptor Descriptor = new(
        Name: "hello",
        Description: "Greets someone (and remembers it)",
        Usage: "[name] [--shout]",
        Flags: [new FlagSpec("shout", TakesValue: false, "Greets in capitals")],
        Bind: (arguments, _) => new Command(arguments.Positional.Count == 0 ? null : arguments.Text, arguments.Has("shout")));

    /// <param name="Name">Who to greet; everyone when null.</param>
    /// <param name="Shout">Greet in capitals.</param>
    public sealed record Command(string? Name, bool Shout) : IRequest<Reply>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Name)
                .MaximumLength(MaxNameLength).WithMessage($"a name is at most {MaxNameLength} characters")
                .Matches(@"^\p{L}[\p{L} '-]*$").WithMessage("a name is letters, spaces, apostrophes and hyphens")
                .When(c => c.Name is not null);
    }

    internal sealed class Handler(IOptions<HelloOptions> options, IActorAccessor actor, IMediator mediator, TimeProvider time)
        : IRequestHandler<Command, Reply>
    {
        public async Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            var name = request.Name ?? "everyone";
            var text = $"{options.Value.Greeting}, {name}!";
            await mediator.Publish(new GreetingSent(name, actor.Current?.Id ?? 0, time.GetUtcNow().UtcDateTime), cancellationToken);
            return Reply.Plain(request.Shout ? text.ToUpperInvariant() : text);
        }
    }
}
