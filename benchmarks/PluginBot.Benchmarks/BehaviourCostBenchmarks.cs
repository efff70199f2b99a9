using BenchmarkDotNet.Attributes;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;
using PluginBot.Host.Identity;

namespace PluginBot.Benchmarks;

/// <summary>
/// Where the pipeline's time goes: the same request with all five kernel behaviours resolved from the container
/// (as every Send does) but only one of them run. "(none)" is the cost of MediatR plus resolving the five.
/// </summary>
[MemoryDiagnoser]
public class BehaviourCostBenchmarks
{
    private BenchHost _host = null!;
    private AsyncServiceScope _scope;
    private ActorAccessor _actor = null!;
    private MediatR.Mediator _mediator = null!;
    private IRequest<int> _request = null!;
    private Actor[] _actors = null!;
    private int _next;

    [Params("(none)", "Logging", "Authorization", "RateLimit", "Validation", "Audit")]
    public string Runs { get; set; } = "(none)";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var root = BenchHost.CreateRoot();
        _host = await BenchHost.BuildAsync(root, BenchPlugin.CreatePluginsFolder(root));
        var types = PluginTypes.Load(_host.Services, "bench");
        _request = (IRequest<int>)Activator.CreateInstance(types.Query, 1)!;
        _actors = [.. BenchHost.UserIds.Select(id => new Actor(id, ActorKind.User, "bench"))];
        _scope = _host.Services.CreateAsyncScope();
        _actor = _scope.ServiceProvider.GetRequiredService<ActorAccessor>();
        _mediator = new MediatR.Mediator(SelectedBehaviours.Only(_scope.ServiceProvider, types.Query, typeof(int), Runs));

        var full = _scope.ServiceProvider.GetRequiredService<IMediator>();
        foreach (var actor in _actors)
        {
            _actor.Current = actor;
            await full.Send(_request); // warms the user directory's cache
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _scope.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Benchmark]
    public Task<int> Send()
    {
        _actor.Current = _actors[_next++ & (BenchHost.UserIds.Length - 1)];
        return _mediator.Send(_request);
    }
}
