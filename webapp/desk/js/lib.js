// The one place that names the versions of the desk's browser libraries (WebJars from Maven Central, served
// from the WAR's WEB-INF/lib). Pages import lit-html from here, never from the versioned paths.
// lit-html escapes every value it puts into the page: a subject with <script> renders as text.
export { html, render, nothing, svg } from '/webjars/lit-html/3.3.2/lit-html.js';
export { repeat } from '/webjars/lit-html/3.3.2/directives/repeat.js';
export { classMap } from '/webjars/lit-html/3.3.2/directives/class-map.js';
export { live } from '/webjars/lit-html/3.3.2/directives/live.js';

/** Chart.js's UMD build, loaded on first use only: the pages without charts do not pay for its 200 kB. */
let chartJs;
export function chartLibrary() {
    chartJs ??= new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = '/webjars/chart.js/4.5.1/dist/chart.umd.min.js';
        script.onload = () => resolve(window.Chart);
        script.onerror = () => reject(new Error('the chart library did not load'));
        document.head.append(script);
    });
    return chartJs;
}
