using System.Runtime.CompilerServices;

namespace Dashboard.Web.Tests;

/// <summary>
/// Tests run in parallel and some wait synchronously on the renderer (WaitForAssertion, Click); on a loaded 2-core
/// machine the thread pool grew too slowly for the renderer's dispatcher to run a check before the wait timed out.
/// </summary>
internal static class ThreadPoolSetup
{
    [ModuleInitializer]
    internal static void RaiseMinThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount * 4), io);
    }
}
