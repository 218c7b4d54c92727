// The one place that names the paths of the desk's browser libraries (WebJars from Maven Central, served
// from the WAR's WEB-INF/lib); the build writes their versions from pom.xml's properties in place of the
// @...@ names. Pages import lit-html from here, never from the versioned paths.
// lit-html escapes every value it puts into the page: a subject with <script> renders as text.
export { html, render, nothing, svg } from '/webjars/lit-html/@lit-html.version@/lit-html.js';
export { repeat } from '/webjars/lit-html/@lit-html.version@/directives/repeat.js';
export { classMap } from '/webjars/lit-html/@lit-html.version@/directives/class-map.js';
export { live } from '/webjars/lit-html/@lit-html.version@/directives/live.js';

/** Chart.js's UMD build, loaded on first use only: the pages without charts do not pay for its 200 kB. */
let chartJs;
export function chartLibrary() {
    chartJs ??= new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = '/webjars/chart.js/@chart.js.version@/dist/chart.umd.min.js';
        script.onload = () => resolve(window.Chart);
        script.onerror = () => reject(new Error('the chart library did not load'));
        document.head.append(script);
    });
    return chartJs;
}
