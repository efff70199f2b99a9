using MediatR;
using Microsoft.Extensions.Configuration;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Requests;
using PluginBot.Host.Configuration;
using PluginBot.Host.Identity;
using PluginBot.Host.Pipeline;

namespace PluginBot.Host.Tests.Pipeline;

public sealed class RateLimitBehaviorTests
{
    private static readonly KernelSettings Settings = KernelSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Kernel:RateLimit:PermitsPerMinute"] = "6",
        ["Kernel:RateLimit:Burst"] = "2",
    }).Build()).Settings!;

    private static async Task<int> SendManyAsync<TRequest>(TRequest request, Actor actor, UserRateLimiter limiter, int count)
    {
        var behavior = new RateLimitBehavior<TRequest, int>(new ActorAccessor { Current = actor }, limiter);
        var handled = 0;
        for (var i = 0; i < count; i++)
        {
            await behavior.Handle(request, CancellationToken.None, () => Task.FromResult(++handled));
        }

        return handled;
    }

    [Fact]
    public async Task A_user_past_the_burst_is_told_when_to_retry()
    {
        using var limiter = new UserRateLimiter(Settings);
        var user = new Actor(5, ActorKind.User, "test");
        Assert.Equal(2, await SendManyAsync(new Limited(), user, limiter, 2));

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => SendManyAsync(new Limited(), user, limiter, 1));
        Assert.True(error.RetryAfter > TimeSpan.Zero);
        Assert.StartsWith("Too many requests; try again in", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_have_separate_buckets()
    {
        using var limiter = new UserRateLimiter(Settings);
        await SendManyAsync(new Limited(), new Actor(5, ActorKind.User, "test"), limiter, 2);
        Assert.Equal(2, await SendManyAsync(new Limited(), new Actor(6, ActorKind.User, "test"), limiter, 2));
    }

    [Fact]
    public async Task The_system_and_unlimited_requests_are_exempt()
    {
        using var limiter = new UserRateLimiter(Settings);
        Assert.Equal(20, await SendManyAsync(new Limited(), Actor.System("worker"), limiter, 20));
        Assert.Equal(20, await SendManyAsync(new Unlimited(), new Actor(5, ActorKind.User, "test"), limiter, 20));
    }

    private sealed record Limited : IRequest<int>;

    [NotRateLimited]
    private sealed record Unlimited : IRequest<int>;
}
