// The dashboard's few lines of script: bring an element (the county's drill-down) into view.
window.ixScrollIntoView = function (id) {
    const element = document.getElementById(id);
    if (element) {
        element.scrollIntoView({ block: "start" });
        const focusable = element.querySelector("h6, [tabindex]") || element;
        if (!focusable.hasAttribute("tabindex")) {
            focusable.setAttribute("tabindex", "-1");
        }
        focusable.focus({ preventScroll: true });
    }
};
