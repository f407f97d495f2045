using Microsoft.Extensions.Logging.Testing;

namespace Dashboard.Tests.Shared;

/// <summary>Captured logs as a sink would print them, for tests that assert what reaches a log and what never does.</summary>
public static class LogLines
{
    extension(FakeLogCollector logs)
    {
        /// <summary>Every record so far, every level and category: level, category, message and exception on one line.</summary>
        public IReadOnlyList<string> Lines =>
            [.. logs.GetSnapshot().Select(record => $"{record.Level} {record.Category}: {record.Message} {record.Exception}")];
    }
}
