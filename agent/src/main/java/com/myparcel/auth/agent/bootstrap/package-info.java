/**
 * The only classes that JDK code calls: the entry points that the advice inlined into
 * {@code HttpURLConnection} and {@code HttpClient} invokes. They are defined in the bootstrap class
 * loader (advice runs inside JDK classes, which see nothing else) by
 * {@link com.myparcel.auth.agent.instrumentation.BootstrapInjector}, so they use java.base types only
 * and pass each call on to a handler that the agent, loaded by the application class loader, installs.
 */
package com.myparcel.auth.agent.bootstrap;
