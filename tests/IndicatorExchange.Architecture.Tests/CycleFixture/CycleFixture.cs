// Two namespaces that use each other on purpose: NamespaceGraphTests checks that the finder sees the cycle in compiled code.
namespace IndicatorExchange.Architecture.Tests.CycleFixture.Left
{
    public static class UsesRight
    {
        public static int Value() => Right.UsesLeft.Base + 1;

        public const int Seed = 1;

        public static int Echo(int value) => value;
    }
}

namespace IndicatorExchange.Architecture.Tests.CycleFixture.Right
{
    public static class UsesLeft
    {
        public static int Base => Left.UsesRight.Echo(2);
    }
}
