/** A user's module: the SDK's core API plus the testkit's virtual boards, found by ServiceLoader. */
module example.modular {
    requires org.mpysdk.core;
    requires org.mpysdk.testkit;
}
