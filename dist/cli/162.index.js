import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
export const id = 162;
export const ids = [162];
export const modules = {

/***/ 4162:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {


const Database = __webpack_require__(3909)(() => __webpack_require__(7095), false);
Database.SqliteError = __webpack_require__(7483);
module.exports = Database;


/***/ }),

/***/ 7095:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)(__webpack_require__.ab + "prebuilds/linuxmusl-x64.node")

/***/ })

};
